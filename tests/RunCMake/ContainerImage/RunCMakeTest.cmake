release_add_runcmake_cases(ContainerImage
  Default
  Options
  RuntimePackages
  SourceDateEpoch
  NoRelease
  UnknownRelease
  ImageBeforeRelease
  ModulesOutsideContext
  ProjectOutsideContext
  ContextMissing
  ReleaseOutsideBuild
  BadUser
  RootUser
  BadPort
  PortZero
  BadTag
  BadPackage
  BadEnv
  UnknownKeyword
  KeywordWithoutValue
  DuplicateName
  UserDockerfile
  NoEngine
  CrossPlatform
  ToolchainPlatform
  BadPlatform
  BadGlibcVersion
  GlibcTooNew
  GlibcVersionOverride
  GlibcUnknown
  GlibcKnown
  GlibcHostRelease
  SiblingDirectory
  RunOptions
  VolumeRelative
  VolumeInRelease
  CmdLineBreak
  EngineArgsLineBreak
  BadSyntax
  EngineNoBuildx
  BuildFails
  HostRelease HostReleaseNoVolume HostReleaseBuild HostReleaseGlibcTooNew HostReleaseContext
  HostReleasePlatform Healthcheck HealthcheckFormat HealthcheckBadUrl HealthcheckBadPort
  HealthcheckUnknownOption HealthcheckBadDuration HealthcheckBadRetries ScratchNotHermetic
  DistrolessPackages RuntimeFilesUnknown Scratch ScratchShLauncher)

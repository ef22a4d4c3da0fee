# Cases of add_release(): configure-time errors, build-time errors, and one
# successful release whose files are checked.
release_add_runcmake_cases(Release
  NoTargets MissingTarget NotExecutable UnknownKeyword MissingValue DuplicateName
  BadVersion BadName BadRequiredEnv BadEnvItem BadEnvName MissingEnvHook MissingOverlay
  KeywordAfterTargets MissingLibrary LibraryNotShared MissingLibraryDir ReleaseTargetClash
  ReleaseNameTargetClash SameProgramName BadProgramName ImportedNoLocation MultiConfig
  TrailingBackslash UnresolvableLibrary SonameClash LibrariesClash OverlayConflict Layout
  EnvUnbalancedBracket EmptyVersion EnvPath EnvReleaseRoot LongName ImportedDirectory
  ImportedMissing ReadOnlyOutput OverlaySymlink OverlayTmp
  NoVersionWarning VersionGiven ArgsUnexpandedVariable ArgsBraces ArgsJoined
  RelativeRpath NeededWithSlash BadLoader
  PatchelfNotFound ReadelfNotFound HostCxxNotFound HostCxxFails HelperStaticRuntime
  HelperNoStaticRuntime NotElf
  OverlayFifo StripFails PatchelfFails LibrariesSonameClash InstallFails
  ProgressMakeName VersionOverride VersionOverrideBad EnvHookNotSh)

add_oci_image(app RELEASE app BASE scratch PLATFORM linux/arm64)

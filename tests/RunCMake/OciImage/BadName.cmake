add_oci_image("a b" RELEASE app BASE scratch)

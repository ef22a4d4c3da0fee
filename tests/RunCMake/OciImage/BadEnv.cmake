add_oci_image(app RELEASE app BASE scratch ENV 1X=2)

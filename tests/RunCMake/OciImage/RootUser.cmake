add_oci_image(app RELEASE app BASE scratch USER 0:0)

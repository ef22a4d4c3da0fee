add_oci_image(app RELEASE app BASE scratch)
add_oci_image(app RELEASE app BASE scratch)

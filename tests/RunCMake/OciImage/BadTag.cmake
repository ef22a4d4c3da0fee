add_oci_image(app RELEASE app BASE scratch TAG App:1)

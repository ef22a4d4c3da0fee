add_oci_image(app BASE scratch)

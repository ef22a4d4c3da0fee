add_oci_image(app RELEASE app BASE scratch USER app)

add_oci_image(app RELEASE app)

add_oci_image(app RELEASE app BASE scratch OUTPUT app.oci)

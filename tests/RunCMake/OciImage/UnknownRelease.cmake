add_oci_image(app RELEASE nope BASE scratch)

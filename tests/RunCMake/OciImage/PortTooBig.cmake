add_oci_image(app RELEASE app BASE scratch PORTS 65536/tcp)

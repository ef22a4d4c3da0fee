add_oci_image(app RELEASE app BASE scratch PORTS 8080 53/udp ENV GREETING=hi
  LABELS org.example.team=web VOLUMES /var/lib/app)

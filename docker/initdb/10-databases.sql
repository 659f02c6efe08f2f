-- The demo/default database and one per node of the compose file.
CREATE DATABASE scamintel;
CREATE DATABASE scamintel_sg;
CREATE DATABASE scamintel_kr;

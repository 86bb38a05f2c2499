"""Support paths (tuen polku): curated, ordered sets of activities and services for a life situation, with
plain-language guidance, kept by a municipality's coordinators and published on the public site with a printable
leaflet. Models in `hyte.actors.models`; here their writes (services), reads (queries), forms, pages and API."""

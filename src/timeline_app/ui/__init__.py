"""The Qt layer: widgets that adapt the model; no business logic lives here."""

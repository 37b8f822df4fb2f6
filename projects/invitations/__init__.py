"""Invitations by email to join the service (the model is `projects.models.Invitation`): who may
invite is `projects.access`, the writes are `services` and `accepting`, the pages `views`."""

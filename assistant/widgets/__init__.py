"""The chat's own widgets: transcript bubbles, the answer dock, the choice list, the policy preview."""

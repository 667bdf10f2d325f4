"""Modal dialogs: forms, confirmations, export and starting a meeting.

Screens and widgets both open them, so they live apart from `screens/`.
"""

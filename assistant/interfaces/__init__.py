"""What users touch: the CLI, the Gradio chat and the rendering they share."""

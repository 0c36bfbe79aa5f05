(window.order = window.order || []).push('a');

(window.order = window.order || []).push('c');

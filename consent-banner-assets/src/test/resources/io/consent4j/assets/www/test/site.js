// The page's own behaviour, to show it stays usable while the banner is open (C9).
document.addEventListener('DOMContentLoaded', function () {
  var b = document.getElementById('lesson');
  b.addEventListener('click', function () {
    b.textContent = b.getAttribute('data-done');
  });
});

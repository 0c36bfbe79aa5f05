// A stand-in for the video player: it remembers where the visitor stopped, in the cookie the
// policy declares for the video service. It only loads after that service is allowed.
(function () {
  document.cookie = 'video_position=' + encodeURIComponent(location.pathname) + ':0; path=/; max-age=' + 60 * 60 * 24 * 30 + '; SameSite=Lax';
  document.getElementById('player').setAttribute('data-ready', 'true');
})();

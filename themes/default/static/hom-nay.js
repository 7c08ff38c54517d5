// Sessions by the reader's own date: "Đã qua" (gone from coming lists),
// "Hôm nay", "Ngày mai". Pages are right as built without it.
(function () {
  function iso(d) {
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }
  var now = new Date();
  var today = iso(now);
  var tomorrow = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  var items = document.querySelectorAll('table.schedule tbody tr, table.week:not(.grid) tbody tr, ul.sessions > li');
  for (var i = 0; i < items.length; i++) {
    var item = items[i];
    var time = item.querySelector('time[datetime]');
    var day = time ? time.getAttribute('datetime').slice(0, 10) : '';
    if (!day && item.parentNode.firstElementChild !== item) {
      // A week sheet's day is on its first row.
      time = item.parentNode.querySelector('time[datetime]');
      day = time ? time.getAttribute('datetime').slice(0, 10) : '';
    }
    if (!day) continue;
    var word = day < today ? 'Đã qua' : day === today ? 'Hôm nay' : day === tomorrow ? 'Ngày mai' : '';
    if (!word) continue;
    if (day < today && item.closest('.coming')) {
      item.hidden = true;
      continue;
    }
    var tag = document.createElement('strong');
    tag.className = 'badge when-tag';
    tag.textContent = word;
    var at = item.contains(time) ? time : item.querySelector('td') || item.firstChild;
    at.parentNode.insertBefore(tag, at);
    at.parentNode.insertBefore(document.createTextNode(' '), at);
    if (day < today) item.classList.add('past');
  }
  // A coming list now all past says so.
  var lists = document.querySelectorAll('.coming');
  for (var j = 0; j < lists.length; j++) {
    if (!lists[j].querySelector('li:not([hidden]), tbody tr:not([hidden])')) {
      var note = document.createElement('p');
      note.textContent = 'Các buổi này đã qua. Xem lịch từng tuần trên trang Lịch.';
      lists[j].parentNode.insertBefore(note, lists[j]);
      lists[j].hidden = true;
    }
  }
})();

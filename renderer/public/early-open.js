// Runs before the app's code is evaluated (a plain script in index.html's head): it starts
// opening the database, so the opening of its files (in the browser process, ~100 ms at county
// scale on an office PC) overlaps that evaluation and the app's own connection (Dexie's, in
// openDatabase) finds them open. It opens whatever version is there and never creates nor
// upgrades anything: on a new computer it stops at once; it closes as soon as an upgrade needs
// the database or the app's connection is open (window.dxEarlyOpenDone, called by openDatabase).
(function () {
  'use strict';
  if (typeof indexedDB === 'undefined') return;
  var db = null;
  var done = false;
  var request = indexedDB.open('dangxiao-desk');
  request.onupgradeneeded = function () {
    request.transaction.abort();
  };
  request.onerror = function (event) {
    event.preventDefault();
  };
  request.onsuccess = function () {
    db = request.result;
    db.onversionchange = function () {
      db.close();
    };
    if (done) db.close();
  };
  window.dxEarlyOpenDone = function () {
    done = true;
    if (db) db.close();
  };
})();

/*
 * A task form saves itself as a draft while the user types: two seconds after the last change, the form's fields
 * are sent (PUT, with the page's CSRF token) to the address of its « Enregistrer le brouillon » button, and the
 * status beside it says when it was saved. Without this script, that button does the same by a normal POST.
 */
(function () {
  'use strict';

  var DELAY = 2000;

  function enhance(button) {
    var form = button.form;
    var status = document.getElementById('statut-brouillon');
    if (!form || !status || !window.fetch) {
      return;
    }
    var address = button.getAttribute('formaction');
    var token = form.querySelector('input[name=_csrf]');
    var timer = null;
    var sending = false;
    var again = false;

    function save() {
      timer = null;
      if (sending) {
        again = true;
        return;
      }
      sending = true;
      var body = new URLSearchParams(new FormData(form));
      var headers = { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'Accept': 'application/json' };
      if (token) {
        headers['X-CSRF-TOKEN'] = token.value;
      }
      fetch(address, { method: 'PUT', headers: headers, body: body, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (answer) {
          status.textContent = answer.status;
          status.classList.remove('fr-message--error');
          status.classList.add('fr-message--valid');
        })
        .catch(function () {
          status.textContent = 'Brouillon non enregistré : utilisez « Enregistrer le brouillon ».';
          status.classList.remove('fr-message--valid');
          status.classList.add('fr-message--error');
        })
        .then(function () {
          sending = false;
          if (again) {
            again = false;
            save();
          }
        });
    }

    function changed() {
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, DELAY);
    }

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function () {
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('enregistrer-brouillon');
    if (button) {
      enhance(button);
    }
  });
}());

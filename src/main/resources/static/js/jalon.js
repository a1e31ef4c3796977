/*
 * Jalon's pages need little script: documents dropped on the upload zone, checked before
 * sending (PDF, PNG or JPEG, 20 MB at most; the server checks the bytes again), and a
 * confirmation before an irreversible action. Everything works without it.
 */
(function () {
  'use strict';

  var ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg'];
  var EXTENSIONS = /\.(pdf|png|jpe?g)$/i;

  function check(form) {
    var input = form.querySelector('input[type=file]');
    var output = form.querySelector('[data-verification]');
    var button = form.querySelector('button[type=submit]');
    var max = parseInt(form.getAttribute('data-max-size'), 10) || 20971520;
    var file = input.files && input.files[0];
    var problem = null;
    if (file) {
      var typed = file.type ? ACCEPTED.indexOf(file.type) >= 0 : EXTENSIONS.test(file.name);
      if (!typed) {
        problem = '« ' + file.name + ' » n\u2019est ni un PDF, ni une image PNG ou JPEG.';
      } else if (file.size > max) {
        problem = '« ' + file.name + ' » dépasse 20 Mo (' + (file.size / 1048576).toFixed(1).replace('.', ',') + ' Mo).';
      } else if (file.size === 0) {
        problem = '« ' + file.name + ' » est vide.';
      }
    }
    output.textContent = problem ? problem : (file ? 'Prêt à déposer : ' + file.name + '.' : '');
    output.classList.toggle('fr-message--error', !!problem);
    output.classList.toggle('fr-message--valid', !!file && !problem);
    input.parentNode.classList.toggle('fr-upload-group--error', !!problem);
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (button) {
      button.disabled = !!problem;
    }
    return !problem;
  }

  function enhance(form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('[data-zone-depot]');
    if (!input || !zone) {
      return;
    }
    zone.setAttribute('data-active', 'true');
    input.addEventListener('change', function () { check(form); });
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.setAttribute('data-survol', 'true');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.removeAttribute('data-survol'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        check(form);
        input.focus();
      }
    });
    form.addEventListener('submit', function (event) {
      if (!check(form)) {
        event.preventDefault();
      }
    });
  }

  /*
   * A task's form sent with an outcome that ends the candidacy (« Ajourner », « Refuser ») opens that outcome's
   * confirmation modal (templates/confirmation.html, id confirmer-outcome-<outcome>) instead; its own submit button
   * sends the form. Without the DSFR's script, window.confirm asks the same question.
   */
  function confirmEnding(form) {
    form.addEventListener('submit', function (event) {
      var chosen = form.querySelector('input[name=outcome]:checked') || form.querySelector('input[type=hidden][name=outcome]');
      var modal = chosen && document.getElementById('confirmer-outcome-' + chosen.value);
      var submitter = event.submitter;
      if (!modal || (submitter && (modal.contains(submitter) || submitter.id === 'enregistrer-brouillon'))) {
        return;
      }
      event.preventDefault();
      if (window.dsfr) {
        window.dsfr(modal).modal.disclose();
      } else if (window.confirm(modal.querySelector('.fr-modal__title').textContent)) {
        form.submit();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-depot]'), enhance);
    Array.prototype.forEach.call(document.querySelectorAll('[data-confirmer]'), function (button) {
      button.addEventListener('click', function (event) {
        if (!window.confirm(button.getAttribute('data-confirmer'))) {
          event.preventDefault();
        }
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('form[data-tache]'), confirmEnding);
    var problems = document.getElementById('problemes');
    if (problems) {
      problems.focus();
    }
  });
}());

/*
 * A field that names collectivités (fragments :: collectivites) becomes a combobox (WAI-ARIA 1.2): as one types, the
 * page session's suggestions (GET /collectivites/suggestions?q=, a quarter of a second after the last key) fill a
 * listbox under the field; the arrow keys move through it (aria-activedescendant), Enter picks, Escape closes (or
 * clears the field), and a live region says how many came. A picked body shows by its name (« Albi (81) »): alone in
 * the field, or as a tag beside the others when the field takes several; a hidden input of the field's name carries
 * the chosen codes, separated by « ; », followed by whatever is still typed, which the server resolves by name as
 * without this script.
 */
(function () {
  'use strict';

  var DELAY = 250;
  var MINIMUM = 2;

  function enhance(group) {
    var input = group.querySelector('input.fr-input');
    var chosenList = group.querySelector('[data-choix]');
    var address = group.getAttribute('data-suggestions');
    var multiple = group.getAttribute('data-collectivites') === 'plusieurs';
    if (!input || !chosenList || !address || !window.fetch || group.hasAttribute('data-enhanced')) {
      return;
    }
    group.setAttribute('data-enhanced', '');
    var form = input.form;
    var chosen = [];
    Array.prototype.forEach.call(chosenList.querySelectorAll('[data-code]'), function (item) {
      chosen.push({ code: item.getAttribute('data-code'), label: item.textContent });
    });

    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = input.getAttribute('name');
    input.removeAttribute('name');
    group.appendChild(hidden);

    var listbox = document.createElement('ul');
    listbox.id = input.id + '-suggestions';
    listbox.className = 'fr-raw-list jalon-suggestions fr-hidden';
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', 'Collectivités suggérées');
    input.parentNode.insertBefore(listbox, input.nextSibling);

    var live = document.createElement('p');
    live.className = 'fr-sr-only';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    group.appendChild(live);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function sync() {
      var parts = chosen.map(function (choice) { return choice.code; });
      var typed = input.value.trim();
      if (typed && !(!multiple && chosen.length && typed === chosen[0].label)) {
        parts.push(typed);
      }
      hidden.value = parts.join(';');
    }

    function renderChosen() {
      if (!multiple) {
        chosenList.classList.add('fr-hidden');
        return;
      }
      chosenList.textContent = '';
      chosen.forEach(function (choice, index) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'fr-tag fr-tag--dismiss';
        button.textContent = choice.label;
        button.setAttribute('aria-label', 'Retirer ' + choice.label);
        button.addEventListener('click', function () {
          chosen.splice(index, 1);
          renderChosen();
          sync();
          live.textContent = choice.label + ' retirée.';
          input.focus();
        });
        item.appendChild(button);
        chosenList.appendChild(item);
      });
      chosenList.classList.toggle('fr-hidden', chosen.length === 0);
    }

    function close() {
      listbox.classList.add('fr-hidden');
      listbox.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      suggestions = [];
      active = -1;
    }

    function highlight(index) {
      var options = listbox.querySelectorAll('[role=option]');
      active = index;
      Array.prototype.forEach.call(options, function (option, i) {
        option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      if (index >= 0 && options[index]) {
        input.setAttribute('aria-activedescendant', options[index].id);
        if (options[index].scrollIntoView) {
          options[index].scrollIntoView({ block: 'nearest' });
        }
      }
      else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function pick(index) {
      var suggestion = suggestions[index];
      if (!suggestion) {
        return;
      }
      var choice = { code: suggestion.code, label: suggestion.label };
      if (multiple) {
        if (!chosen.some(function (c) { return c.code === choice.code; })) {
          chosen.push(choice);
        }
        input.value = '';
      }
      else {
        chosen = [choice];
        input.value = choice.label;
      }
      close();
      renderChosen();
      sync();
      live.textContent = choice.label + ' choisie.';
    }

    function show(found) {
      suggestions = found;
      listbox.textContent = '';
      found.forEach(function (suggestion, index) {
        var option = document.createElement('li');
        option.id = listbox.id + '-' + index;
        option.className = 'fr-p-1w';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = suggestion.label + ' — ' + suggestion.kind;
        option.addEventListener('mousedown', function (event) { event.preventDefault(); });
        option.addEventListener('click', function () { pick(index); });
        listbox.appendChild(option);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (found.length) {
        listbox.classList.remove('fr-hidden');
        input.setAttribute('aria-expanded', 'true');
        live.textContent = found.length + (found.length > 1 ? ' collectivités suggérées' : ' collectivité suggérée')
          + ' : flèches haut et bas pour parcourir, Entrée pour choisir.';
      }
      else {
        listbox.classList.add('fr-hidden');
        input.setAttribute('aria-expanded', 'false');
        live.textContent = 'Aucune collectivité ne correspond.';
      }
    }

    function ask() {
      timer = null;
      var q = input.value.trim();
      if (q.length < MINIMUM) {
        close();
        return;
      }
      var mine = ++asked;
      fetch(address + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (found) {
          if (mine === asked && document.activeElement === input) {
            show(found);
          }
        })
        .catch(function () {
          if (mine === asked) {
            close();
            live.textContent = 'Les suggestions ne répondent pas : tapez le nom, il sera cherché à l’envoi du formulaire.';
          }
        });
    }

    input.addEventListener('input', function () {
      if (!multiple && chosen.length) {
        chosen = [];
      }
      sync();
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(ask, DELAY);
    });

    input.addEventListener('keydown', function (event) {
      var open = suggestions.length > 0;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (open) {
          highlight(active + 1 >= suggestions.length ? 0 : active + 1);
        }
        else {
          ask();
        }
      }
      else if (event.key === 'ArrowUp') {
        if (open) {
          event.preventDefault();
          highlight(active <= 0 ? suggestions.length - 1 : active - 1);
        }
      }
      else if (event.key === 'Enter') {
        if (open && active >= 0) {
          event.preventDefault();
          pick(active);
        }
      }
      else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          close();
        }
        else if (input.value) {
          event.preventDefault();
          input.value = '';
          if (!multiple) {
            chosen = [];
          }
          sync();
        }
      }
      else if (event.key === 'Tab') {
        close();
      }
    });

    input.addEventListener('blur', function () {
      close();
    });

    if (form) {
      form.addEventListener('submit', sync);
    }

    if (multiple) {
      input.value = group.getAttribute('data-reste') || '';
    }
    else if (chosen.length) {
      input.value = chosen[0].label;
    }
    renderChosen();
    sync();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-collectivites]'), enhance);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
  else {
    start();
  }
}());

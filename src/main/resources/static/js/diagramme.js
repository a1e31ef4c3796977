/*
 * The programme page's process diagram: the BPMN of the version in use, fetched from the
 * address in data-processus and drawn by the bpmn-js viewer (vendor/bpmn-js, loaded before
 * this script). Without JavaScript, or if anything fails, the page keeps its download link
 * and its declarations; the caption says what happened.
 */
(function () {
  'use strict';

  function say(container, text) {
    var status = container.parentNode.querySelector('.diagramme-etat');
    if (status) {
      status.textContent = text;
    }
  }

  function draw(container) {
    var address = container.getAttribute('data-processus');
    if (typeof window.BpmnJS !== 'function' || !window.fetch || !address) {
      say(container, 'Ce navigateur ne peut pas afficher le diagramme ; téléchargez le processus pour l\u2019ouvrir dans le Camunda Modeler.');
      return;
    }
    container.classList.add('chargement');
    say(container, 'Chargement du diagramme\u2026');
    window.fetch(address, { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (xml) {
        var viewer = new window.BpmnJS({ container: container });
        return viewer.importXML(xml).then(function (result) {
          var canvas = viewer.get('canvas');
          canvas.zoom('fit-viewport');
          var pending = null;
          window.addEventListener('resize', function () {
            window.clearTimeout(pending);
            pending = window.setTimeout(function () {
              canvas.resized();
              canvas.zoom('fit-viewport');
            }, 150);
          });
          var warnings = result && result.warnings ? result.warnings.length : 0;
          say(container, warnings ? warnings + ' élément(s) du fichier n\u2019ont pas pu être dessinés.' : '');
        });
      })
      .catch(function (error) {
        var undrawn = error && /no diagram to display/i.test(String(error.message));
        say(container, undrawn
          ? 'Le fichier BPMN ne contient pas de diagramme (BPMNDiagram) : le processus reste téléchargeable.'
          : 'Le diagramme n\u2019a pas pu être affiché ; le processus reste téléchargeable.');
      })
      .then(function () {
        container.classList.remove('chargement');
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-processus]'), draw);
  });
}());

/**
 * The page's script (plain ES2017, no build step): turns each figure's PNG
 * into an interactive Chart.js chart from the page's chart data. The PNG stays
 * when Chart.js is missing or a chart fails to render.
 */
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = document.getElementById('licsim-charts');
  if (!data || typeof Chart === 'undefined') return;
  var specs = JSON.parse(data.textContent || '{}');
  var number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  function counted(n, word, many) { return number.format(n) + ' ' + (n === 1 ? word : many); }
  function hydrate(spec) {
    var config = JSON.parse(JSON.stringify(spec.config));
    // Numbers on axes and in tooltips as in the rest of the report (1,000), whatever the browser's locale.
    config.options = config.options || {};
    config.options.locale = 'en-US';
    var helpers = spec.helpers || [];
    var dropZeros = spec.kind === 'states' || spec.kind === 'alarms';
    var plugins = config.options.plugins = config.options.plugins || {};
    plugins.legend = plugins.legend || {};
    plugins.legend.labels = Object.assign({}, plugins.legend.labels, {
      filter: function (item) { return helpers.indexOf(item.datasetIndex) < 0; }
    });
    plugins.tooltip = Object.assign({}, plugins.tooltip, {
      filter: function (item) { return helpers.indexOf(item.datasetIndex) < 0 && !(dropZeros && item.raw === 0); },
      callbacks: spec.kind === 'alarms' ? {
        title: function (items) {
          if (!items.length) return '';
          return 'Day ' + number.format(items[0].raw.day) + ' \\u2014 ' + items[0].raw.x;
        },
        label: function (item) {
          if (item.raw.count === undefined) return item.dataset.label + ' on ' + counted(item.raw.up, 'instance', 'instances');
          return item.dataset.label + ': raised ' + counted(item.raw.count, 'time', 'times');
        }
      } : {
        title: function (items) {
          if (!items.length) return '';
          var day = spec.days ? spec.days[items[0].dataIndex] : items[0].dataIndex;
          return 'Day ' + number.format(day) + ' \\u2014 ' + items[0].label + ' (end of day)';
        }
      }
    });
    return config;
  }
  var figures = document.querySelectorAll('figure.chart[data-chart]');
  for (var i = 0; i < figures.length; i++) {
    var figure = figures[i];
    var spec = specs[figure.getAttribute('data-chart')];
    var wrap = figure.querySelector('.chart-canvas');
    var canvas = figure.querySelector('canvas');
    var img = figure.querySelector('img');
    if (!spec || !wrap || !canvas) continue;
    try {
      wrap.hidden = false;
      new Chart(canvas, hydrate(spec));
      figure.classList.add('interactive');
      if (img) img.hidden = true;
    } catch (e) {
      wrap.hidden = true;
      figure.classList.add('static');
      if (window.console) console.warn('licsim: chart ' + spec.id + ' shown as PNG:', e);
    }
  }
})();
`;

/* Charts of the regional dashboard (ECharts from the gateway's local copy). */
var MedAllianceCharts = (function () {
  'use strict';

  var KINDS = ['CT', 'MRI'];
  var t = MedAllianceText.t;
  var charts = {};
  var $ = function (id) { return document.getElementById(id); };

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id));
    return charts[id];
  }

  var GRID = { left: 48, right: 48, top: 36, bottom: 28 };

  function render(stats, resources, names) {
    var labels = stats.series.map(function (p) { return p.label; });
    var pick = function (f) { return stats.series.map(function (p) { return p[f]; }); };
    chart('chart-referrals').setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('up'), type: 'bar', stack: 'r', data: pick('referralsUpward'), itemStyle: { color: '#1f6fb2' } },
        { name: t('down'), type: 'bar', stack: 'r', data: pick('referralsDownward'), itemStyle: { color: '#23855a' } },
        { name: t('lateral'), type: 'bar', stack: 'r', data: pick('referralsLateral'), itemStyle: { color: '#9aa7b4' } },
      ],
    });
    chart('chart-green').setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', name: t('cases'), minInterval: 1 }, { type: 'value', name: t('minutes') }],
      series: [
        { name: t('greenChannel'), type: 'bar', data: pick('greenChannelReferrals'), itemStyle: { color: '#c0392b' } },
        { name: t('responseMinutes'), type: 'line', yAxisIndex: 1, data: pick('medianResponseMinutes'), connectNulls: true },
      ],
    });
    chart('chart-reuse').setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', name: t('results'), minInterval: 1 }, { type: 'value', name: t('yuan') }],
      series: [
        { name: t('reused'), type: 'bar', data: pick('resultsReused'), itemStyle: { color: '#23855a' } },
        { name: t('retested'), type: 'bar', data: pick('retests'), itemStyle: { color: '#e08e0b' } },
        { name: t('saved'), type: 'line', yAxisIndex: 1, data: pick('estimatedSavingsYuan') },
      ],
    });
    chart('chart-retests').setOption({
      animation: false, tooltip: {}, grid: { left: 160, right: 24, top: 10, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: stats.retestsByReason.map(function (r) { return t(r.reason); }) },
      series: [{ type: 'bar', data: stats.retestsByReason.map(function (r) { return r.count; }), itemStyle: { color: '#e08e0b' } }],
    });
    var hospitals = stats.byHospital.map(function (h) { return h.hospital.name; });
    chart('chart-cooperation').setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 24, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: hospitals, axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('expertsReceived'), type: 'bar', data: stats.byHospital.map(function (h) { return h.expertsReceived; }) },
        { name: t('staffTrained'), type: 'bar', data: stats.byHospital.map(function (h) { return h.staffTrained; }) },
      ],
    });
    var ids = Object.keys(names).filter(function (id) { return resources.some(function (r) { return r.hospitalId === id; }); });
    chart('chart-slots').setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 24, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: ids.map(function (id) { return names[id]; }), axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', minInterval: 1 },
      series: KINDS.map(function (kind) {
        return { name: kind, type: 'bar', data: ids.map(function (id) {
          return resources.filter(function (r) { return r.hospitalId === id && r.kind === kind; }).reduce(function (n, r) { return n + r.availableSlots.length; }, 0);
        }) };
      }),
    });
  }

  function resize() {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  }

  return { KINDS: KINDS, render: render, resize: resize };
})();

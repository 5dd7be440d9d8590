// ECharts parts only the choropleth needs; imported by region-map.vue (an async chunk).
import { use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import './echarts';

use([MapChart, VisualMapComponent]);

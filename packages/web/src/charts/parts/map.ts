// ECharts parts of the choropleth, loaded with the maps (china-map.ts, itself on demand).
import { use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';

use([MapChart, VisualMapContinuousComponent]);

import RegionMap from '@/charts/region-map-async';
import { defineWidget } from '../define-widget';

// async: the map's ECharts parts and its GeoJSON shapes load only when a map is shown
export default defineWidget({
  id: 'map',
  label: 'widget.map',
  component: RegionMap,
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});

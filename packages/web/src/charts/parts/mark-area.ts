// The shaded band a trend draws over the selected period (the dashboard's; an embed has none).
import { use } from 'echarts/core';
import { MarkAreaComponent } from 'echarts/components';

use([MarkAreaComponent]);

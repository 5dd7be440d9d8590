import type { Grain } from '@/app/period';
import type { WidgetId } from '@/widgets/define-widget';

/** What a dashboard chart shows, offered as the embed's parameters. */
export interface EmbedTarget {
  widget: WidgetId;
  indicator: string;
  region: string;
  from: string;
  to: string;
  grain?: Grain;
}

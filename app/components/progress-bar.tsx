/** A labelled progress bar that needs no JavaScript or images. */
export function ProgressBar({ value, max, label, text }: { value: number; max: number; label: string; text: string }) {
  const percent = max === 0 ? 0 : Math.round((value * 100) / max);
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className="h-4 flex-1 overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <span className="shrink-0 font-semibold tabular-nums">{text}</span>
    </div>
  );
}

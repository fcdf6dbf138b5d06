/**
 * Uniform-stride decimation of a point cloud for display: above the budget every k-th point is
 * kept, so a few million points stay interactive on an integrated GPU. Pure (runs in the worker).
 */
export const DISPLAY_POINT_BUDGET = 2_000_000;

export interface PointArrays {
  positions: Float32Array;
  colors?: Float32Array | undefined;
  normals?: Float32Array | undefined;
}

export function decimate(
  src: PointArrays,
  budget = DISPLAY_POINT_BUDGET,
): PointArrays & { shown: number; total: number } {
  const total = Math.floor(src.positions.length / 3);
  if (total <= budget) return { ...src, shown: total, total };
  const stride = Math.ceil(total / budget);
  const shown = Math.ceil(total / stride);
  const pick = (a: Float32Array | undefined) => {
    if (!a) return undefined;
    const out = new Float32Array(shown * 3);
    for (let i = 0, j = 0; i < total; i += stride, j += 3) {
      out[j] = a[i * 3]!;
      out[j + 1] = a[i * 3 + 1]!;
      out[j + 2] = a[i * 3 + 2]!;
    }
    return out;
  };
  return {
    positions: pick(src.positions)!,
    colors: pick(src.colors),
    normals: pick(src.normals),
    shown,
    total,
  };
}

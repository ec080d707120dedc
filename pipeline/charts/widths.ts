// Advance widths in 1/1000 em of the characters labels use most, for estimating label widths.
// Each value is the larger of DejaVu Sans and Liberation Sans (metric twin of Arial/Helvetica),
// measured once in chromium with canvas measureText: DejaVu Sans is what `system-ui` resolves to
// on many Linux desktops and is wider than Segoe UI, Roboto and San Francisco, so the estimate is
// an upper bound for the system font stack the charts ask for.

const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~×–—…’‘“”·≥≤é";
// prettier-ignore
const REGULAR = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 838, 556, 1000, 1000, 318, 318, 518, 518, 318, 838, 838, 615];
// prettier-ignore
const BOLD = [348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 838, 556, 1000, 1000, 380, 380, 657, 657, 380, 838, 838, 678];

function table(widths: number[]): Map<string, number> {
  const map = new Map<string, number>();
  [...CHARS].forEach((ch, i) => map.set(ch, widths[i]!));
  return map;
}

export const VISIBLE_CHAR_WIDTHS = { regular: table(REGULAR), bold: table(BOLD) } as const;

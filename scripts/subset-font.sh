#!/usr/bin/env bash
# Builds templates/fonts/WenQuanYiMicroHei-receipt.ttf, the font embedded in receipt PDFs:
# WenQuanYi Micro Hei (Droid Sans Fallback + Droid Sans, Apache-2.0) cut down to ASCII,
# Latin-1 (¥), general and CJK punctuation, full-width forms, the whole of GB 2312 (6,763 hanzi
# plus its symbol rows) and every CJK Unified Ideograph the source font has (about 20,900, so
# names such as 喆 昇 堃 赟 print); pdfkit embeds only the glyphs a receipt uses.
# Needs: apt-get install fonts-wqy-microhei python3-fonttools
# Usage: scripts/subset-font.sh [source.ttc] [output.ttf]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_font="${1:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
output="${2:-$root/templates/fonts/WenQuanYiMicroHei-receipt.ttf}"

if [[ ! -f "$source_font" ]]; then
  echo "source font not found: $source_font (apt-get install fonts-wqy-microhei)" >&2
  exit 1
fi

# pyenv and friends may shadow the system python that has python3-fonttools.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import fontTools.subset' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "fontTools not found (apt-get install python3-fonttools)" >&2
  exit 1
fi

unicodes="$(mktemp)"
trap 'rm -f "$unicodes"' EXIT

"$python" - "$unicodes" <<'PY'
import sys

ranges = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ · × ÷
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # ‰ ※
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms: ￥ （）
    (0x3400, 0x4DBF),  # CJK Extension A: 㐀 (what the source font has of it)
    (0x4E00, 0x9FFF),  # all CJK Unified Ideographs: names beyond GB 2312 (喆 昇 堃 赟 犇)
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
]
points = {cp for lo, hi in ranges for cp in range(lo, hi + 1)}
# Every character of GB 2312: rows 0xA1-0xA9 (symbols) and 0xB0-0xF7 (hanzi).
for high in range(0xA1, 0xF8):
    for low in range(0xA1, 0xFF):
        try:
            points.update(ord(c) for c in bytes([high, low]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
with open(sys.argv[1], 'w') as out:
    out.write(','.join(f'U+{cp:04X}' for cp in sorted(points)))
PY

# Hinting is dropped (PDF viewers do not use it); names are kept for the copyright notice.
"$python" -m fontTools.subset "$source_font" \
  --font-number=0 \
  --unicodes-file="$unicodes" \
  --output-file="$output" \
  --no-hinting \
  --name-IDs='*' \
  --name-languages='*' \
  --notdef-outline \
  --recalc-bounds

echo "wrote $output ($(du -h "$output" | cut -f1))"

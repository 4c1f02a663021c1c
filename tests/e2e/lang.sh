#!/usr/bin/env bash
# lang.sh — --lang pt (README "--lang"): the human formats in Portuguese,
# built-in type labels and the built-in cross-tabs' titles included, the
# workbooks' sheets named in Portuguese wherever they are referred to; JSON
# the same bytes in either language (SPEC §5). A golden Portuguese
# Markdown of fixtures/actions (TP_UPDATE_GOLDEN=1 rewrites it).
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1789459200 # 2026-09-15T08:00:00Z
nw=$repo/fixtures/northwind
bx=$repo/fixtures/bench

for l in en pt; do
    "$tp" report -q --lang $l -p 2026-Q3 -o "$tmp/nw-$l" "$nw" 2> "$tmp/err"
    "$tp" benchmark -q --lang $l -p 2026-Q3 --focus Beta -o "$tmp/b-$l" "$bx/alpha" "$bx/beta" "$bx/gamma" 2> "$tmp/err"
done
check "report.json: the same bytes in en and pt" 'cmp -s "$tmp/nw-en/report.json" "$tmp/nw-pt/report.json"'
check "benchmark.json: the same bytes in en and pt" 'cmp -s "$tmp/b-en/benchmark.json" "$tmp/b-pt/benchmark.json"'

md=$tmp/nw-pt/report.md
check "pt md: built-in type labels in Portuguese, in the table and in chains" \
    'grep -q "^| Reunião com cliente | " "$md" && grep -q "(reunião com cliente, " "$md" && ! grep -qi "customer meeting" "$md"'
check "pt md: the built-in cross-tabs titled in Portuguese" \
    'grep -q "^### Reportam diretamente ao CEO$" "$md" && grep -q "^### Passam a maior parte do tempo em trabalho estratégico$" "$md"'
check "pt md: Tabelas cruzadas, not Tabulações" 'grep -q "^## Tabelas cruzadas$" "$md" && ! grep -q "Tabula" "$md"'
check "pt md: a list cut names the Portuguese sheet" 'grep -q "^Mais [0-9.]* no livro Excel (folha Seguimentos)\.$" "$md"'
check "pt json keeps the SPEC's English labels" \
    'grep -q "\"label\": \"Customer meeting\"" "$tmp/nw-pt/report.json" && grep -q "\"label\": \"Report directly to the CEO\"" "$tmp/nw-pt/report.json"'
check "pt html: type labels and cross-tabs in Portuguese" \
    'grep -q "Reunião com cliente" "$tmp/nw-pt/report.html" && grep -q "Reportam diretamente ao CEO" "$tmp/nw-pt/report.html"'

# A definition of its own: its cross-tab titles are its own, in any language.
cat > "$tmp/def.yaml" <<'EOF'
crosstabs:
  - {label: "Report directly to the CEO", field: reports_to, equals: CIO}
EOF
"$tp" report -q --lang pt -f md -p 2026-Q3 -d "$tmp/def.yaml" -o "$tmp/own" "$nw" 2> "$tmp/err"
check "pt md: a definition's own cross-tab title kept as written" \
    'grep -q "^### Report directly to the CEO$" "$tmp/own/report.md"'

# The report workbook: every sheet in Portuguese, every reference to one too.
x=$tmp/nw-pt/report.xlsx
mkdir -p "$tmp/x" && (cd "$tmp/x" && unzip -q -o "$x")
sheets=$(grep -o '<sheet name="[^"]*"' "$tmp/x/xl/workbook.xml" | sed 's/<sheet name="//; s/"$//' | tr '\n' '|')
want='Resumo|Equipas|Pessoas|Interações|Tabelas cruzadas|Tendência|Projetos|Pedidos|Clientes|Seguimentos|Etiquetas|'
check "pt workbook: sheets in Portuguese, in order ($sheets)" '[ "$sheets" = "$want" ]'
check "pt workbook: the header printed on every page of each sheet, by its Portuguese name" \
    '[ "$(grep -o "_xlnm.Print_Titles" "$tmp/x/xl/workbook.xml" | wc -l)" -eq 11 ] &&
     grep -q ">'"'"'Tabelas cruzadas'"'"'!\$1:\$1<" "$tmp/x/xl/workbook.xml" && grep -q ">Resumo!\$1:\$1<" "$tmp/x/xl/workbook.xml"'
check "pt workbook: the charts draw from Resumo and Tendência" \
    'grep -qh "<c:f>Resumo!" "$tmp"/x/xl/charts/*.xml && grep -qh "<c:f>'"'"'Tendência'"'"'!" "$tmp"/x/xl/charts/*.xml &&
     ! grep -qh "<c:f>Summary\|<c:f>Trend" "$tmp"/x/xl/charts/*.xml'
python3 "$repo/tests/e2e/xlsx_rows.py" "$x" > "$tmp/rows"
check "pt workbook: headings and type labels in Portuguese, none left in English" \
    'grep -qP "^Equipas\tEquipa\tEfetivo\t" "$tmp/rows" && grep -qP "^Interações\t\d+\tReunião com cliente\t" "$tmp/rows" &&
     grep -qP "^Tabelas cruzadas\tReportam diretamente ao CEO\treports_to\tCEO\tregular\t" "$tmp/rows" &&
     ! grep -qP "\t(Headcount|Contact class|Line of sight|Customer meeting|Cross-tab|Owner name|Key)(\t|$)" "$tmp/rows"'

# The benchmark: one term for one figure, no machine-made phrase.
bm=$tmp/b-pt/benchmark.md
check "pt benchmark: the attested rate is Taxa de comprovação, as in the report" \
    'grep -q "Taxa de comprovação" "$bm" && ! grep -qi "atestad" "$bm" && grep -q "Taxa de comprovação" "$tmp/nw-pt/report.md"'
check "pt benchmark: no Parte em risco, Posição a meio, dentro do acaso" \
    '! grep -qi "parte em risco\|posição a meio\|dentro do acaso" "$bm" "$tmp/b-pt/benchmark.html"'
check "pt benchmark: the at-risk share and mid-rank in plain Portuguese" \
    'grep -q "Percentagem em risco ↓" "$bm" && grep -q "^Posto médio: " "$bm"'

# Golden: the whole Portuguese Markdown of fixtures/actions.
"$tp" report -q --lang pt -f md -p 2026-Q3 -o "$tmp/act" "$repo/fixtures/actions" 2> "$tmp/err"
golden=$repo/tests/golden/actions.pt.md
if [ "${TP_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/act/report.md" "$golden"; fi
if cmp -s "$golden" "$tmp/act/report.md"; then ok "pt report.md as tests/golden/actions.pt.md"
else bad "pt report.md as tests/golden/actions.pt.md"; diff "$golden" "$tmp/act/report.md" | head -40; fi
finish

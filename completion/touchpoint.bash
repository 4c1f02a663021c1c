# bash completion for touchpoint
_touchpoint()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "report validate benchmark init schema help --help --version" -- "$cur"))
        return
    fi
    if [ "${COMP_WORDS[1]}" = help ]; then
        [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "report validate benchmark init schema help" -- "$cur"))
        return
    fi
    case $prev in
        -p|--period) COMPREPLY=($(compgen -W "$(date +%Y)-Q1 $(date +%Y)-Q2 $(date +%Y)-Q3 $(date +%Y)-Q4 $(date +%Y)" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "md html xlsx json md,html,json" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "en pt" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -d|--definition) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -j|--jobs|--min-group|--focus) return ;;
    esac
    if [[ $cur == -* ]]; then
        # the command's own options, as its help lists them (any other is a usage error)
        local opts
        opts=$("${COMP_WORDS[0]}" help "${COMP_WORDS[1]}" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _touchpoint touchpoint

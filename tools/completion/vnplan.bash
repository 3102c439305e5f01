# vnplan.bash — bash completion for vnplan: commands, then each command's
# options (as `vnplan COMMAND --help` lists them), files for --db and index.
_vnplan() {
  local cur prev cmd opts
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "index search refs who tasks docs doc instruments instrument agencies health export serve --help --version" -- "$cur"))
    return
  fi
  cmd=${COMP_WORDS[1]}
  case $prev in
    --db|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json csv tsv ndjson" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    opts=$(vnplan "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z-]+' | sort -u)
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ "$cmd" = index ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _vnplan vnplan

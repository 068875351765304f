from mailrouter.cli import main

raise SystemExit(main())

from mailrouter.app.cli import main

raise SystemExit(main())

import sys

from timeline.mapdata import main

sys.exit(main())

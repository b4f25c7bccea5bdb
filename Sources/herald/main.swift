import Foundation
import HeraldCLI

exit(await HeraldMain.main())

#include <libxml/xmlversion.h>
// Foundation on Linux ships its own ICU; libxml2's ICU headers clash with it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

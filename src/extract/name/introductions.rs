//! The words that introduce a name: the writer's own ("I'm X", "X here",
//! "this is the Revd X", "Name X", a name after a greeting or after "to
//! me"), and, in a mail written for someone else, theirs ("on behalf of
//! my dad, Harold Pennington", "he's X"). Patterns only; `name` reads the
//! name after them.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::home_words::CARED_FOR;
use crate::extract::words::{PARTICLES, RELATIONS};

/// Self-introductions, up to where the name starts.
pub(in crate::extract) static INTRODUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:^|[\s,.!(])(?:(?:my\s+)?full\s+name(?:\s+is|['’]s)?|my\s+name\s+is|my\s+name['’]s|my\s+names|my\s+name|mera\s+naam|mera\s+nam|meu\s+nome\s+[ée]|mi\s+nombre\s+es|nazywam\s+si[ęe]|je\s+m['’]appelle|name\s+is|name['’]s|names|i['’]?m|i\s+am|im|ah['’]m|a['’]m|it['’]?s|its|this\s+(?:one\s+|email\s+|mail\s+|message\s+)?is\s+from|this\s+is|fy\s+enw\s+i\s+yw|fy\s+enw\s+yw|enw\s+fi\s+yw)|(?:^|,)\s*am)\s+(?:the\s+)?")
        .expect("static regex")
});

/// "Send the letters to me, Dr Elin Prys-Jones, at …", "start with me
/// please, Rhodri Llewellyn, and …", "do the letters for me Gary
/// Whitfield 16 …": the writer named after "me". Apart
/// from [`INTRODUCTION`], whose "I'm" may follow it.
pub(super) static TO_ME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:to|for|with)\s+me(?:\s+(?:please|pls|first))?(?:,\s+|[ \t]+)")
        .expect("static regex")
});

/// "Name" as a label typed without its colon, opening a sentence: "i want
/// the letters pls. Name Ionuț-Alexandru Popescu, address 17 …".
pub(super) static BARE_NAME_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)(?:^|[.!?]\s+)[ \t]*(?i:name)[ \t]+").expect("static regex"));

/// "Dev Malhotra here", "Dr Kwame Mensah writing", Welsh "Gwenllian Pugh
/// sy'n ysgrifennu" and "Iolo ap Dafydd dw i" ("I am Iolo ap Dafydd"); a
/// name put right, "This is Lowri. Lowri Jenkins I mean".
pub(super) static NAME_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[\s,.!])(\p{{Lu}}[\p{{L}}'’.-]*\s+(?:(?:\p{{Lu}}[\p{{L}}'’.-]*|{})\s+){{0,3}}\p{{Lu}}[\p{{L}}'’-]*)\s+(?:here|writing|sy['’]n\s+ysgrifennu|yma|y?dw\s+i|I\s+mean)\b",
        PARTICLES.join("|")
    ))
    .expect("static regex")
});

/// "x here" in writing all in lower case: up to four words before it.
pub(super) static LOWER_NAME_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[\s,.!])((?:[\p{Ll}'’-]+[ \t]+){1,4}[\p{Ll}'’-]+)[ \t]+here\b")
        .expect("static regex")
});

/// A name on its own after a greeting, on the greeting's line: "Hi —
/// Lindsay Kerr. 56 …".
pub(super) static GREETED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:hi|hello|hey|hiya|morning|good\s+(?:morning|afternoon|evening))(?:\s+(?:there|all|folks|team|everyone))?[ \t]*[,!—–-]+[ \t]*((?-i:(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}\p{Lu}[\p{L}'’-]*))[ \t]*(?:[.!,]|$)")
        .expect("static regex")
});

/// "He's Leslie Gorman", "her name is Edith Lamb".
pub(super) static THIRD_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,.!(])(?:he['’]?s|she['’]?s|he\s+is|she\s+is|(?:his|her|their)\s+(?:full\s+)?name\s+is)\s+")
        .expect("static regex")
});

/// "My neighbour Mrs Edna Parkes", "my mum, Jean Hollis": in a mail
/// written for someone else, the person named after the relation.
pub(super) static RELATION_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bmy\s+(?:[\w-]+\s+){{0,2}}?(?:{RELATIONS})\s*,?\s+"
    ))
    .expect("static regex")
});

/// "One of our residents, Mrs Ivy Hart, …", "a young man I support,
/// Dean Price, …", "One of the ladies I visit, …": in a mail written for
/// someone else, the person a carer or support worker names, set apart by
/// commas after the words for them.
pub(super) static CARED_FOR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:one\s+of\s+)?(?:my|our|the)\s+(?:{CARED_FOR}|ladies|gentlemen|men|women|people)|an?\s+(?:(?:young|old|older|elderly)\s+)?(?:man|woman|lady|gentleman|person|{CARED_FOR}))(?:\s+(?:I|we)\s+(?:support|visit|care\s+for|look\s+after|work\s+with))?\s*,\s+"
    ))
    .expect("static regex")
});

/// Introductions of the person the letters are for ("on behalf of", "in
/// my wife's name, Mrs Pamela Whitlock", "Letters to Mike Thornton
/// please" opening a sentence, "I want the letters sending to Mr Keith
/// Brearley", "they'd be from me, Nicholas
/// Fenwick-Brown", "please use my name in English, Morag MacLeod").
pub(super) static PROXY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:on\s+behalf\s+of|(?:writing|emailing|doing|sending|filling\s+in)\s+(?:this\s+|it\s+)?for|letters?\s+for|send\s+(?:the\s+|my\s+)?letters?\s+to|letters\s+sending\s+to|(?m:^|[.!?]\s+)(?:the\s+)?letters?\s+to|(?:make|made|address|addressed)\s+(?:them|the\s+letters?|it)\s+(?:out\s+)?to|in\s+(?:the\s+)?name\s+of|in\s+my\s+name(?:,?\s+please)?\s*[,:–—-]?|in\s+(?:(?:my\s+)?[\w-]+['’]s|his|her|their)\s+name(?:,?\s+please)?\s*[,:–—-]?|letters?\s+(?:should|will|can|must|need\s+to)\s+(?:be|come)\s+(?:from|signed\s+by)|from\s+me\s*[,:–—-]|(?:use|put)\s+my\s+name(?:\s+in\s+[\w-]+)?\s*[,:–—-])\s+(?:my\s+[\w-]+,?\s+|(?:{RELATIONS}),\s+)?(?:the\s+)?"))
        .expect("static regex")
});

/// "Could the letters go to …", "the letters should go to …".
pub(super) static LETTERS_GO_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bletters\s+(?:should\s+|can\s+|could\s+|will\s+|to\s+)?go\s+to\s+")
        .expect("static regex")
});

/// A sentence opening with the writer's full name, then where they live:
/// "Andrew Pearce, we live on Heol Persondy in Aberkenfig", "Rhian Price,
/// I'm at 4 …".
pub(super) static NAME_THEN_HOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[.!?][ \t]+)[ \t]*((?:\p{Lu}[\p{L}'’.-]*[ \t]+){1,3}\p{Lu}[\p{L}'’-]*),[ \t]+(?i:(?:i|we)[ \t]+(?:live|stay)|(?:i['’]?m|we['’]?re|i[ \t]+am|we[ \t]+are)[ \t]+at)\b")
        .expect("static regex")
});

//! The four nations with Westminster constituencies: where a supporter
//! lives decides which letters apply and who they go to.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The four nations with Westminster constituencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

impl Nation {
    /// The stable snake_case code used in config and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Scotland => "scotland",
            Nation::Wales => "wales",
            Nation::NorthernIreland => "northern_ireland",
        }
    }

    /// Parse a code as written in config and tables.
    pub fn from_code(code: &str) -> Option<Nation> {
        Some(match code {
            "england" => Nation::England,
            "scotland" => Nation::Scotland,
            "wales" => Nation::Wales,
            "northern_ireland" => Nation::NorthernIreland,
            _ => return None,
        })
    }

    /// The nation's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Scotland => "Scotland",
            Nation::Wales => "Wales",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }

    /// The nation of a 2024 Westminster constituency's GSS code
    /// (`E14…`, `S14…`, `W07…`, `N05…`); `None` for any other code.
    pub fn of_constituency_code(code: &str) -> Option<Nation> {
        let digits_ok = code.len() == 9 && code.bytes().skip(1).all(|b| b.is_ascii_digit());
        if !digits_ok {
            return None;
        }
        Some(match &code[..3] {
            "E14" => Nation::England,
            "S14" => Nation::Scotland,
            "W07" => Nation::Wales,
            "N05" => Nation::NorthernIreland,
            _ => return None,
        })
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

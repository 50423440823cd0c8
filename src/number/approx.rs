//! How exact a figure is, as the number or the words around it say.

/// How exact a figure is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Approx {
    /// As stated.
    #[default]
    Exact,
    /// 约, 左右, 上下, 大约.
    About,
    /// 余, 多, 超, 超过, 逾, 突破.
    MoreThan,
    /// 以上, 不少于, 不低于, 至少, 最低.
    AtLeast,
    /// 近, 将近, 接近.
    Nearly,
    /// 不足, 不到.
    LessThan,
    /// 以内, 以下, 不超过, 不高于, 最高, 最多.
    AtMost,
}

impl Approx {
    /// The name used in the output (its `Display`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::MoreThan => "more_than",
            Approx::AtLeast => "at_least",
            Approx::Nearly => "nearly",
            Approx::LessThan => "less_than",
            Approx::AtMost => "at_most",
        }
    }
}

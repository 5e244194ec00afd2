"""The catalogue of school subjects, kept present after every migrate (and after a test database flush)."""

# The school subjects of Kyrgyz and Kazakh curricula, in Kyrgyz, Kazakh and Russian.
SUBJECTS = [
    ("mathematics", "Математика", "Математика", "Математика"),
    ("algebra", "Алгебра", "Алгебра", "Алгебра"),
    ("geometry", "Геометрия", "Геометрия", "Геометрия"),
    ("physics", "Физика", "Физика", "Физика"),
    ("chemistry", "Химия", "Химия", "Химия"),
    ("biology", "Биология", "Биология", "Биология"),
    ("geography", "География", "География", "География"),
    ("informatics", "Информатика", "Информатика", "Информатика"),
    ("kyrgyz-language", "Кыргыз тили", "Қырғыз тілі", "Кыргызский язык"),
    ("kyrgyz-literature", "Кыргыз адабияты", "Қырғыз әдебиеті", "Кыргызская литература"),
    ("kazakh-language", "Казак тили", "Қазақ тілі", "Казахский язык"),
    ("kazakh-literature", "Казак адабияты", "Қазақ әдебиеті", "Казахская литература"),
    ("russian-language", "Орус тили", "Орыс тілі", "Русский язык"),
    ("russian-literature", "Орус адабияты", "Орыс әдебиеті", "Русская литература"),
    ("english", "Англис тили", "Ағылшын тілі", "Английский язык"),
    ("history", "Тарых", "Тарих", "История"),
    ("social-studies", "Адам жана коом", "Адам және қоғам", "Человек и общество"),
    ("primary-classes", "Башталгыч класстар", "Бастауыш сыныптар", "Начальные классы"),
    ("technology", "Технология", "Технология", "Технология"),
    ("art", "Сүрөт искусствосу", "Бейнелеу өнері", "Изобразительное искусство"),
    ("music", "Музыка", "Музыка", "Музыка"),
    ("physical-education", "Дене тарбия", "Дене шынықтыру", "Физическая культура"),
    ("preschool", "Мектепке чейинки тарбия", "Мектепке дейінгі тәрбие", "Дошкольное воспитание"),
    ("defence", "Аскердик даярдык", "Алғашқы әскери дайындық", "Начальная военная подготовка"),
]


def ensure_subject_catalogue(sender=None, using="default", **kwargs):
    from schools.models import Subject

    existing = set(Subject.objects.using(using).values_list("code", flat=True))
    Subject.objects.using(using).bulk_create(
        Subject(code=code, name_ky=ky, name_kk=kk, name_ru=ru) for code, ky, kk, ru in SUBJECTS if code not in existing
    )

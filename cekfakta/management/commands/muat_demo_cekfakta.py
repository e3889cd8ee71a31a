"""Clearly-marked DEMO verdicts and open claims, so the desk is not empty in a demo and the check can be tried.

The verdicts cover what circulates in a village's WhatsApp groups in Tapin: bansos/BLT/PKH links, prize draws,
health cures and vaccine scares, disasters, fake recruitment, LPG/electricity/fuel, elections, plus a few true
messages and some that cannot be verified. Each is complete (claim, the message as it circulates, outcome, type
for a false one, explanation, method, a reference); names of offices are real, the verdicts are examples written
for the demo. Every verdict carries `demo=True`, "(Contoh DEMO.)" in its explanation and "(DEMO)" in its source
and references. Running the command again adds only what is missing."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Referensi, Saluran, Status, Topik

SUMBER = "Diskominfo (DEMO)"
PENANDA = " (Contoh DEMO.)"


def _ref(judul: str, slug: str) -> tuple[str, str]:
    return f"{judul} (DEMO)", f"https://example.org/demo/{slug}"


PUTUSAN = [
    # --- Prize draws and scams -----------------------------------------------------------------------------
    {
        "judul": "Pesan berantai: nasabah bank mendapat hadiah undian Rp 50 juta dan diminta mengisi data di tautan",
        "teks_contoh": "SELAMAT!! Anda terpilih pemenang undian nasabah Rp50.000.000. Klaim hadiah skrg juga di link berikut, isi nama, no rek dan PIN. Bantu sebarkan ke keluarga!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Bank tidak pernah meminta PIN atau kode OTP lewat tautan. Tautan dalam pesan mengarah ke situs tiruan yang mencuri data rekening.",
        "metode": "Membandingkan alamat tautan dengan situs resmi bank dan membaca pengumuman resmi bank tentang penipuan undian.",
        "referensi": [_ref("Contoh: pengumuman bank tentang penipuan berkedok undian", "undian-bank")],
    },
    {
        "judul": "Pertamina membagikan hadiah Rp 2 juta dalam rangka ulang tahun kepada siapa saja yang mengisi kuis di tautan",
        "teks_contoh": "🎉🎉 HUT PERTAMINA 🎉🎉\nPertamina bagi2 hadiah 2jt utk 5.000 org pertama, cukup jawab 4 pertanyaan kuis di link ini lalu bagikan ke 5 grup WA. sdh sy coba, bnr cair 👍",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Pertamina tidak mengadakan kuis berhadiah seperti ini. Tautannya bukan alamat situs Pertamina; kuis semacam ini meminta pesan dibagikan ke banyak grup agar penipuannya menyebar, lalu meminta data pribadi atau memasang iklan berbahaya. Hadiah tidak pernah cair.",
        "metode": "Memeriksa alamat tautan (bukan domain pertamina.com), membaca kanal resmi Pertamina dan daftar penipuan yang pernah diumumkan perusahaan.",
        "referensi": [_ref("Contoh: imbauan resmi Pertamina tentang kuis berhadiah palsu", "kuis-pertamina")],
    },
    {
        "judul": "Pemenang undian toko daring mendapat mobil, asal lebih dulu mentransfer pajak hadiah Rp 4,5 juta",
        "teks_contoh": "Selamat pagi Bpk/Ibu, nomor WA anda terpilih sbg pemenang undian akhir tahun toko online berhadiah 1 unit mobil. Utk proses pengiriman ke Rantau harap transfer pajak hadiah Rp4.500.000 ke rekening panitia a.n. ... Konfirmasi hari ini jg, lewat dr itu hadiah hangus!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Undian resmi tidak meminta pemenang mentransfer uang lebih dulu, dan pajak hadiah dipotong penyelenggara, bukan dibayar ke rekening pribadi. Pesan ini memakai tenggat mendesak supaya korban tidak sempat bertanya.",
        "metode": "Membandingkan dengan ketentuan undian resmi, memeriksa nama rekening tujuan yang bukan milik perusahaan, dan menanyakan ke layanan pelanggan resmi toko.",
        "referensi": [_ref("Contoh: ketentuan pajak hadiah undian dari kantor pajak", "pajak-undian")],
    },
    {
        "judul": "Undangan pernikahan digital berbentuk berkas .apk yang dikirim lewat WhatsApp aman dibuka",
        "teks_contoh": "Assalamualaikum, mohon kehadirannya di acara pernikahan anak kami. Undangan digital silakan dibuka di sini: Undangan_Pernikahan.apk 🙏",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Undangan sungguhan berupa gambar, PDF atau tautan, bukan aplikasi. Berkas .apk adalah aplikasi Android; bila dipasang, aplikasi ini dapat membaca SMS berisi kode OTP lalu menguras rekening atau mengambil alih WhatsApp. Jangan dibuka, hapus pesannya, dan beri tahu pengirimnya lewat telepon bila nomornya dikenal.",
        "metode": "Memeriksa jenis berkas yang dikirim dan membandingkannya dengan peringatan bank dan kepolisian tentang modus berkas .apk.",
        "referensi": [_ref("Contoh: peringatan kepolisian tentang modus undangan .apk", "undangan-apk")],
    },
    {
        "judul": "WhatsApp akan berbayar bulan depan kecuali pesan ini diteruskan ke sepuluh kontak",
        "teks_contoh": "Pemberitahuan resmi dr WhatsApp: mulai bulan depan WA akan dikenai biaya Rp 20rb/bln. Kirim pesan ini ke 10 kontak agar logo jadi biru dan akun anda tetap GRATIS. Sy sdh kirim, sebarkan!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.LAINNYA,
        "penjelasan": "WhatsApp tidak mengumumkan apa pun lewat pesan berantai dan tidak mengubah warna logo bagi yang meneruskan pesan. Pesan seperti ini sudah beredar bertahun-tahun dengan tanggal yang berganti-ganti.",
        "metode": "Membaca pusat bantuan dan blog resmi WhatsApp, dan menelusuri versi lama pesan yang sama.",
        "referensi": [_ref("Contoh: pusat bantuan WhatsApp tentang pesan berantai", "wa-berbayar")],
    },
    # --- Bansos, BLT, PKH --------------------------------------------------------------------------------
    {
        "judul": "Pendaftaran bantuan sosial dipungut biaya Rp 100 ribu melalui nomor WhatsApp pribadi",
        "teks_contoh": "Pendaftaran bansos thn ini dibuka, transfer biaya admin 100rb ke no WA ini, kuota terbatas!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.EKONOMI,
        "penjelasan": "Pendaftaran bantuan sosial tidak dipungut biaya dan tidak melalui nomor WhatsApp pribadi. Informasi resmi tersedia di kantor desa/kelurahan dan dinas sosial.",
        "metode": "Konfirmasi ke dinas sosial kabupaten.",
        "referensi": [_ref("Contoh: keterangan Dinas Sosial tentang pendaftaran bansos", "bansos-biaya")],
    },
    {
        "judul": "BLT Rp 600 ribu cair untuk semua pemilik KTP yang mendaftar lewat tautan bit.ly",
        "teks_contoh": "INFO BLT 600RB SUDAH CAIR‼️ Semua warga yg punya KTP bisa dapat, daftar di bit.ly/... isi NIK, no KK & foto KTP. Dangsanak lakas daftar, pian kada rugi 🙏 sebarkan ke grup kampung",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.EKONOMI,
        "penjelasan": "Bantuan langsung tunai disalurkan kepada keluarga yang sudah terdata, bukan kepada siapa saja yang mendaftar lewat tautan. Situs di balik tautan pendek ini meniru tampilan Kementerian Sosial untuk mengumpulkan NIK, nomor KK dan foto KTP, yang kemudian bisa dipakai untuk pinjaman online atas nama korban.",
        "metode": "Membuka tautan di lingkungan aman untuk melihat alamat tujuannya, membandingkannya dengan situs resmi Kementerian Sosial, dan menanyakan ke Dinas Sosial Kabupaten Tapin.",
        "referensi": [
            _ref("Contoh: penjelasan Kementerian Sosial tentang penyaluran BLT", "blt-tautan"),
            _ref("Contoh: tips mengenali situs tiruan lembaga pemerintah", "situs-tiruan"),
        ],
    },
    {
        "judul": "Penerima PKH wajib memasang aplikasi “Cek Bansos” dari berkas yang dikirim lewat WhatsApp agar bantuannya tidak dicoret",
        "teks_contoh": "Bpk/Ibu penerima PKH, data akan diperbarui. Pasang aplikasi Cek-Bansos-Terbaru.apk terlampir paling lambat hari Jumat, kalau tidak nama dicoret dari daftar penerima. Dari pendamping PKH kec.",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.EKONOMI,
        "penjelasan": "Pendamping PKH tidak meminta penerima memasang aplikasi dari berkas kiriman. Berkas .apk seperti ini adalah aplikasi jahat yang mencuri SMS dan kode OTP. Data penerima diperbarui melalui musyawarah desa dan petugas dinas sosial, bukan lewat aplikasi kiriman.",
        "metode": "Konfirmasi ke koordinator pendamping PKH kabupaten dan memeriksa berkas yang dikirim (aplikasi Android, bukan dokumen).",
        "referensi": [_ref("Contoh: imbauan koordinator PKH tentang aplikasi palsu", "pkh-apk")],
    },
    {
        "judul": "Pemerintah memberi bantuan subsidi upah Rp 3,5 juta kepada semua warga yang mengisi formulir daring",
        "teks_contoh": "Alhamdulillah BSU 3,5 jt cair lg bulan ini!! Tdk harus karyawan, ibu rumah tangga & petani jg bisa. Isi formulir di link ini sblm kuota habis. Sdh ada yg dpt di Binuang",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.EKONOMI,
        "penjelasan": "Bantuan subsidi upah hanya untuk pekerja penerima upah yang terdaftar sebagai peserta jaminan sosial ketenagakerjaan dengan syarat tertentu, dan tidak didaftarkan lewat formulir yang beredar di WhatsApp. Angka dan tautan dalam pesan ini tidak ada dalam pengumuman resmi.",
        "metode": "Membaca ketentuan bantuan subsidi upah dari Kementerian Ketenagakerjaan dan memeriksa alamat formulir.",
        "referensi": [_ref("Contoh: ketentuan penerima bantuan subsidi upah", "bsu")],
    },
    {
        "judul": "Status penerima bansos dapat diperiksa sendiri di situs resmi Kementerian Sosial tanpa biaya",
        "teks_contoh": "Bujur kah kita bisa cek sendiri dapat bansos atau kada di situs kemensos? kada usah bayar lawan urang?",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.EKONOMI,
        "penjelasan": "Benar. Status penerima bantuan sosial dapat diperiksa di situs resmi Kementerian Sosial dengan mengisi wilayah dan nama sesuai KTP, tanpa biaya dan tanpa perantara. Bila nama tidak ada padahal merasa layak, tanyakan ke kantor desa atau pendamping sosial.",
        "metode": "Mencoba sendiri layanan pengecekan di situs resmi dan mencocokkannya dengan keterangan Dinas Sosial.",
        "referensi": [_ref("Contoh: panduan cek penerima bansos dari Dinas Sosial", "cek-bansos")],
    },
    # --- Health ------------------------------------------------------------------------------------------
    {
        "judul": "Air rebusan daun tertentu disebut menyembuhkan demam berdarah dalam satu malam",
        "teks_contoh": "Info penting!! air rebusan daun ini bisa sembuhkan DBD dlm 1 malam, ga perlu ke rumah sakit. share ke grup sebelah",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.KESEHATAN,
        "penjelasan": "Tidak ada bukti ilmiah bahwa rebusan daun menyembuhkan demam berdarah dalam satu malam. Penderita DBD perlu pemeriksaan dan pemantauan tenaga kesehatan.",
        "metode": "Menanyakan ke Puskesmas dan membaca panduan penanganan DBD dari Kementerian Kesehatan.",
        "referensi": [_ref("Contoh: panduan penanganan DBD dari Puskesmas", "dbd-daun")],
    },
    {
        "judul": "Imunisasi campak-rubela di posyandu membuat anak mandul dan autis",
        "teks_contoh": "Ibu2 hati2!! vaksin MR yg disuntik di posyandu bikin anak mandul nanti besar & bisa autis. Ulun dapat kabar dari kawan perawat. Jgn bawa anak imunisasi dulu, sebarkan ke grup ibu2 😭",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.KESEHATAN,
        "penjelasan": "Vaksin campak-rubela telah dipakai puluhan tahun di banyak negara dan penelitian besar tidak menemukan hubungannya dengan kemandulan atau autisme. Yang berbahaya justru campak dan rubela sendiri: campak dapat menyebabkan radang paru dan otak, rubela pada ibu hamil dapat menyebabkan cacat bawaan pada bayi.",
        "metode": "Membaca kajian dan keterangan Kementerian Kesehatan dan ikatan dokter anak, dan menanyakan ke bidan desa.",
        "referensi": [
            _ref("Contoh: penjelasan Kementerian Kesehatan tentang keamanan vaksin MR", "vaksin-mr"),
            _ref("Contoh: tanya jawab imunisasi dari ikatan dokter anak", "imunisasi-tanya-jawab"),
        ],
    },
    {
        "judul": "Menusuk ujung jari hingga berdarah dapat menolong orang yang terkena stroke",
        "teks_contoh": "PERTOLONGAN PERTAMA STROKE: jangan dipindah, tusuk ke-10 ujung jari pakai jarum sampai keluar darah, dlm bbrp menit pasien sadar. Ini ilmu dari dokter senior, simpan & sebarkan, bisa menyelamatkan nyawa!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.KESEHATAN,
        "penjelasan": "Menusuk jari tidak menolong penderita stroke dan membuang waktu yang sangat berharga. Stroke harus ditangani di rumah sakit secepatnya; kenali tandanya (wajah mencong, lengan lemah sebelah, bicara pelo) dan segera bawa ke IGD terdekat.",
        "metode": "Membaca panduan penanganan stroke dan menanyakan ke dokter di RSUD.",
        "referensi": [_ref("Contoh: tanda-tanda stroke dan pertolongannya dari RSUD", "stroke-jari")],
    },
    {
        "judul": "Air rendaman bawang putih menyembuhkan darah tinggi sehingga obat dari dokter boleh dihentikan",
        "teks_contoh": "Resep nenek: 3 siung bawang putih direndam air semalam, minum tiap pagi, tensi normal dlm seminggu. Obat dokter stop aja, bikin rusak ginjal. Sudah terbukti!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.KESEHATAN,
        "penjelasan": "Bawang putih boleh menjadi bagian dari makanan sehari-hari, tetapi tidak menggantikan obat darah tinggi. Menghentikan obat tanpa petunjuk dokter dapat membuat tekanan darah naik tiba-tiba dan memicu stroke atau serangan jantung. Obat darah tinggi yang diminum sesuai resep justru melindungi ginjal.",
        "metode": "Menanyakan ke dokter Puskesmas dan membaca panduan pengendalian hipertensi.",
        "referensi": [_ref("Contoh: panduan minum obat darah tinggi dari Puskesmas", "hipertensi")],
    },
    {
        "judul": "Balita mendapat kapsul vitamin A gratis di posyandu setiap bulan Februari dan Agustus",
        "teks_contoh": "Bulan ini ada pembagian vitamin A di posyandu kah? bujur gratis? anak ulun umur 2 tahun",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.KESEHATAN,
        "penjelasan": "Benar. Kapsul vitamin A dibagikan gratis untuk bayi dan balita di posyandu dan puskesmas setiap bulan Februari dan Agustus. Bawa buku KIA anak supaya pemberiannya dicatat.",
        "metode": "Konfirmasi ke Dinas Kesehatan dan bidan desa.",
        "referensi": [_ref("Contoh: jadwal bulan vitamin A dari Dinas Kesehatan", "vitamin-a")],
    },
    # --- Disasters ---------------------------------------------------------------------------------------
    {
        "judul": "BMKG memperkirakan gempa bermagnitudo 8 akan mengguncang Kalimantan Selatan malam ini",
        "teks_contoh": "⚠️⚠️ PERINGATAN BMKG ⚠️⚠️ Akan terjadi gempa M8,0 malam ini antara jam 23.00-02.00 di wilayah Kalsel. Warga Rantau & sekitarnya diminta tidur di luar rumah. Sebarkan ke keluarga!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.BENCANA,
        "penjelasan": "Tidak ada yang dapat memperkirakan waktu dan kekuatan gempa, termasuk BMKG. BMKG hanya menyampaikan informasi gempa yang sudah terjadi dan peringatan dini tsunami. Pesan ini memakai nama BMKG tanpa dasar.",
        "metode": "Memeriksa kanal resmi BMKG dan keterangan BPBD Kabupaten Tapin.",
        "referensi": [_ref("Contoh: keterangan BMKG bahwa gempa tidak dapat diprediksi", "gempa-prediksi")],
    },
    {
        "judul": "Tsunami dari laut akan sampai ke Rantau besok pagi dan warga harus mengungsi ke bukit",
        "teks_contoh": "Urang Rantau ada kabar tsunami besok subuh air laut naik sampai ka Rantau!! lakas bakamas barang2 penting & ungsi ke tempat tinggi. Info dari grup sebelah",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.BENCANA,
        "penjelasan": "Tidak ada peringatan tsunami. Peringatan dini tsunami hanya dikeluarkan BMKG setelah gempa besar di laut, dan Rantau berada jauh di daratan. Ikuti hanya informasi dari BMKG, BPBD dan pemerintah desa.",
        "metode": "Memeriksa kanal resmi BMKG dan menanyakan ke BPBD Kabupaten Tapin.",
        "referensi": [_ref("Contoh: cara membaca peringatan dini tsunami BMKG", "tsunami-rantau")],
    },
    {
        "judul": "Bendungan Tapin di Piani retak dan akan jebol sehingga warga di hilir harus segera mengungsi",
        "teks_contoh": "Darurat!!! bendungan di Piani retak besar, air merembes, diperkirakan jebol malam ini. Warga sepanjang sungai sampai Rantau siap2 mengungsi. Ini foto retakannya 👇 sebarkan!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.KONEKSI,
        "topik": Topik.BENCANA,
        "penjelasan": "Pengelola bendungan dan BPBD menyatakan bendungan dalam keadaan aman dan dipantau setiap hari. Foto retakan yang disertakan bukan foto bendungan ini: foto itu sudah beredar lebih dulu dengan keterangan tempat lain.",
        "metode": "Konfirmasi ke pengelola bendungan dan BPBD, serta pencarian gambar terbalik atas foto yang disertakan.",
        "referensi": [_ref("Contoh: keterangan pengelola bendungan tentang kondisi tubuh bendungan", "bendungan")],
    },
    {
        "judul": "Video banjir bandang yang menghanyutkan rumah disebut terjadi di Binuang hari ini",
        "teks_contoh": "Ya Allah banjir bandang di Binuang barusan 😭😭 rumah hanyut ka sungai. Doakan dangsanak kita. (video)",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.KONTEKS,
        "topik": Topik.BENCANA,
        "penjelasan": "Video ini nyata, tetapi bukan di Binuang dan bukan hari ini: video yang sama sudah diunggah beberapa tahun lalu dengan keterangan lokasi di provinsi lain. Hari ini BPBD tidak mencatat banjir bandang di Binuang.",
        "metode": "Mencari potongan gambar video dengan pencarian gambar terbalik dan menanyakan ke BPBD dan pemerintah kecamatan.",
        "referensi": [_ref("Contoh: unggahan asli video banjir beberapa tahun lalu", "video-banjir")],
    },
    {
        "judul": "Jalan desa di Candi Laras Utara tergenang setelah sungai meluap dan BPBD mengimbau warga berhati-hati",
        "teks_contoh": "Jalan di Candi Laras Utara tagenang banyu sampai selutut, sungai meluap. Bujurkah BPBD sudah turun? hati2 lewat",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.BENCANA,
        "penjelasan": "Benar. BPBD membenarkan genangan di beberapa ruas jalan desa setelah sungai meluap, telah memasang tanda peringatan dan memantau ketinggian air. Warga diminta tidak melintas dengan sepeda motor saat arus deras.",
        "metode": "Konfirmasi ke BPBD dan pemerintah kecamatan, dan foto dari petugas di lokasi.",
        "referensi": [_ref("Contoh: siaran pers BPBD tentang genangan di jalan desa", "genangan")],
    },
    {
        "judul": "Seekor buaya besar terlihat di sungai dekat jembatan di Rantau",
        "teks_contoh": "Hati2 urang mandi di sungai, ada buaya ganal kalihatan di dekat jembatan tadi sore kata urang pasar. Anak2 jangan bakunyung dulu!!",
        "hasil": Hasil.TIDAK_DAPAT,
        "jenis_salah": "",
        "topik": Topik.LAINNYA,
        "penjelasan": "Belum dapat dipastikan. Tidak ada foto atau saksi yang dapat dihubungi, dan petugas yang memeriksa lokasi belum menemukan jejak buaya. Karena buaya memang hidup di sungai-sungai Kalimantan, tetaplah berhati-hati saat mandi atau mencuci di sungai dan laporkan ke pemerintah desa bila melihatnya sendiri.",
        "metode": "Menanyakan ke pemerintah kelurahan dan petugas pemadam kebakaran dan penyelamatan yang menyisir lokasi.",
        "referensi": [_ref("Contoh: imbauan waspada satwa liar di sungai", "buaya")],
    },
    # --- Recruitment -------------------------------------------------------------------------------------
    {
        "judul": "Pendaftaran CPNS dibuka lewat tautan khusus dengan biaya pendaftaran Rp 250 ribu",
        "teks_contoh": "PENERIMAAN CPNS DIBUKA‼️ Jalur khusus lulusan SMA/SMK, daftar di link ini & transfer biaya pendaftaran 250rb. Dijamin lulus berkas. Info ini jgn sampai ketinggalan",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.POLITIK,
        "penjelasan": "Pendaftaran CPNS hanya melalui portal resmi Badan Kepegawaian Negara dan tidak dipungut biaya apa pun. Tidak ada “jalur khusus” atau jaminan lulus; tautan dalam pesan ini meniru tampilan portal resmi.",
        "metode": "Membandingkan tautan dengan portal resmi BKN dan menanyakan ke BKPSDM Kabupaten Tapin.",
        "referensi": [_ref("Contoh: pengumuman BKN bahwa pendaftaran CPNS tidak dipungut biaya", "cpns-biaya")],
    },
    {
        "judul": "Guru honorer diangkat menjadi PPPK tanpa tes asal membayar uang pengurusan kepada seseorang",
        "teks_contoh": "Bagi guru honorer yg mau lgsg diangkat PPPK tanpa tes, ada orang dalam yg bisa bantu, biaya pengurusan 35jt bisa dicicil. Hubungi nomor ini, terbatas hanya utk 10 org per kecamatan",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.POLITIK,
        "penjelasan": "Pengangkatan PPPK melalui seleksi yang diumumkan terbuka, dan tidak ada pengangkatan dengan membayar. Siapa pun yang menjanjikannya adalah penipu; laporkan ke BKPSDM atau kepolisian.",
        "metode": "Konfirmasi ke BKPSDM dan membaca ketentuan seleksi PPPK.",
        "referensi": [_ref("Contoh: peringatan BKPSDM tentang calo PPPK", "pppk-calo")],
    },
    {
        "judul": "BUMN menerima karyawan tanpa tes lewat WhatsApp asal membayar biaya seragam dan pelatihan",
        "teks_contoh": "LOWONGAN KERJA BUMN TERBARU tanpa tes! Penempatan Kalsel, gaji 6-9jt. Kirim CV via WA ke nomor HRD, peserta yg lolos wajib transfer biaya seragam & pelatihan 1,2jt. Yg minat lakas!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Rekrutmen BUMN diumumkan di situs resmi perusahaan dan portal rekrutmen bersama BUMN, selalu dengan seleksi, dan tidak pernah memungut biaya seragam atau pelatihan. Nomor “HRD” dalam pesan ini bukan nomor perusahaan.",
        "metode": "Memeriksa situs resmi perusahaan dan portal rekrutmen bersama BUMN, dan menanyakan ke kantor unit setempat.",
        "referensi": [_ref("Contoh: imbauan perusahaan tentang lowongan kerja palsu", "lowongan-bumn")],
    },
    # --- LPG, electricity, fuel --------------------------------------------------------------------------
    {
        "judul": "Pembelian LPG 3 kg di pangkalan resmi dicatat dengan NIK pada KTP",
        "teks_contoh": "Sekarang tukar gas melon di pangkalan harus bawa KTP kah? kata acil warung kalau kada bawa KTP kada dibari",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.EKONOMI,
        "penjelasan": "Benar. Pembeli LPG 3 kg di pangkalan resmi dicatat dengan NIK supaya subsidi tepat sasaran; bawa KTP saat membeli. Pencatatan ini tidak dipungut biaya dan harga tetap mengikuti harga eceran tertinggi daerah.",
        "metode": "Membaca ketentuan penyaluran LPG bersubsidi dan konfirmasi ke pangkalan resmi dan bagian perekonomian pemerintah kabupaten.",
        "referensi": [_ref("Contoh: ketentuan pencatatan pembeli LPG 3 kg", "lpg-nik")],
    },
    {
        "judul": "PLN membagikan token listrik gratis 1.000 kWh kepada pelanggan yang mengisi nomor meteran di tautan",
        "teks_contoh": "PROMO PLN!! Token listrik gratis 1000 kWh utk pelanggan rumah tangga, cukup isi ID pelanggan & no HP di link ini. Sy sdh dpt, langsung masuk 😍 bagikan ke 10 grup",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.PENIPUAN,
        "penjelasan": "PLN tidak membagikan token gratis lewat tautan yang harus dibagikan ke grup. Program diskon atau token resmi diumumkan di aplikasi dan situs resmi PLN. Tautan ini mengumpulkan nomor telepon dan data pelanggan untuk penipuan berikutnya.",
        "metode": "Memeriksa alamat tautan dan membaca pengumuman resmi PLN.",
        "referensi": [_ref("Contoh: imbauan PLN tentang token listrik gratis palsu", "token-pln")],
    },
    {
        "judul": "Semua pelanggan listrik 450 VA akan dipindah ke 900 VA bulan depan dan subsidinya dicabut",
        "teks_contoh": "Kabar buruk bagi pelanggan 450VA, bulan depan semua dipindah paksa ke 900VA & subsidi dicabut, tagihan naik 3x lipat. Sudah diputuskan pemerintah. Siap2 aja",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.EKONOMI,
        "penjelasan": "Pesan ini mengambil wacana lama yang pernah dibahas lalu menyajikannya seolah keputusan yang berlaku bulan depan. Tidak ada keputusan pemindahan paksa atau pencabutan subsidi untuk semua pelanggan 450 VA; perubahan tarif diumumkan resmi oleh pemerintah dan PLN.",
        "metode": "Membaca pengumuman tarif listrik resmi dan menanyakan ke kantor PLN setempat.",
        "referensi": [_ref("Contoh: pengumuman tarif listrik triwulan berjalan", "tarif-450va")],
    },
    {
        "judul": "Harga Pertalite naik menjadi Rp 15.000 per liter mulai tengah malam ini",
        "teks_contoh": "Info dr orang SPBU: mulai jam 00.00 nanti pertalite jadi 15rb/liter!! isi penuh skrg mumpung masih murah. Sebarkan!!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.EKONOMI,
        "penjelasan": "Tidak ada pengumuman kenaikan harga Pertalite. Perubahan harga BBM bersubsidi diumumkan resmi oleh pemerintah, bukan lewat “info orang SPBU”. Pesan semacam ini membuat antrean panjang dan panic buying di SPBU.",
        "metode": "Memeriksa daftar harga resmi di situs Pertamina dan menanyakan ke SPBU di Rantau.",
        "referensi": [_ref("Contoh: daftar harga BBM resmi yang berlaku", "harga-pertalite")],
    },
    {
        "judul": "Harga karet di tingkat petani akan naik menjadi Rp 15.000 per kilogram minggu depan",
        "teks_contoh": "Kabar baik gasan petani karet, kata pengepul minggu depan harga karet naik jadi 15rb/kg. Tahan dulu jangan dijual!!",
        "hasil": Hasil.TIDAK_DAPAT,
        "jenis_salah": "",
        "topik": Topik.EKONOMI,
        "penjelasan": "Tidak dapat dipastikan. Harga karet mengikuti harga pasar dan pabrik, dan tidak ada pihak yang dapat menjamin harga minggu depan; pengepul yang disebut dalam pesan tidak dapat dihubungi. Sebelum menahan panen, tanyakan harga terbaru ke penyuluh pertanian atau beberapa pengepul.",
        "metode": "Menanyakan ke dinas pertanian dan beberapa pengepul, dan membandingkan dengan harga pabrik terakhir.",
        "referensi": [_ref("Contoh: informasi harga komoditas dari dinas pertanian", "harga-karet")],
    },
    # --- Elections and government ------------------------------------------------------------------------
    {
        "judul": "Pelayanan perekaman KTP elektronik keliling di kantor kecamatan pada hari Sabtu",
        "teks_contoh": "Pelayanan rekam KTP-el keliling hari Sabtu di kantor kecamatan, bawa fotokopi KK.",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.POLITIK,
        "penjelasan": "Jadwal pelayanan keliling ini sesuai pengumuman resmi Dinas Kependudukan dan Pencatatan Sipil.",
        "metode": "Mencocokkan dengan pengumuman resmi dinas.",
        "referensi": [_ref("Contoh: pengumuman pelayanan keliling Disdukcapil", "ktp-keliling")],
    },
    {
        "judul": "Pemilih yang tidak membawa surat pemberitahuan memilih tidak boleh mencoblos di TPS",
        "teks_contoh": "Yg blm dapat undangan C6 kada usah ke TPS, pasti ditolak petugas. Surat undangan wajib dibawa!! info dr panitia",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.POLITIK,
        "penjelasan": "Surat pemberitahuan memudahkan pemilih menemukan TPS-nya, tetapi bukan syarat mutlak. Pemilih yang terdaftar di daftar pemilih tetap tetap dapat mencoblos dengan menunjukkan KTP elektronik. Tanyakan ke petugas KPPS atau PPS desa bila belum menerima surat pemberitahuan.",
        "metode": "Membaca peraturan KPU tentang pemungutan suara dan menanyakan ke KPU kabupaten.",
        "referensi": [_ref("Contoh: penjelasan KPU tentang syarat mencoblos", "c6")],
    },
    {
        "judul": "Foto kotak suara berisi surat suara yang sudah dicoblos diklaim diambil di sebuah TPS di Tapin",
        "teks_contoh": "CURANG!!! surat suara sudah dicoblos duluan sebelum hari H, ini di TPS kecamatan kita. Viralkan biar Bawaslu turun!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.KONTEKS,
        "topik": Topik.POLITIK,
        "penjelasan": "Foto ini pernah beredar pada pemilu sebelumnya dengan keterangan daerah lain, dan sudah dinyatakan keliru oleh penyelenggara pemilu setempat. Bawaslu kabupaten tidak menerima laporan kejadian seperti ini di Tapin. Dugaan pelanggaran pemilu dapat dilaporkan langsung ke Bawaslu, lengkap dengan tempat dan waktunya.",
        "metode": "Pencarian gambar terbalik dan konfirmasi ke Bawaslu dan KPU kabupaten.",
        "referensi": [_ref("Contoh: unggahan lama foto yang sama", "kotak-suara")],
    },
    {
        "judul": "Seorang kepala desa mengumpulkan fotokopi KTP warga untuk mendukung salah satu calon",
        "teks_contoh": "Ada kabar pambakal di salah satu desa mengumpulkan fotokopi KTP warga, katanya gasan dukungan calon. Benar kah? kada tahu desa mana",
        "hasil": Hasil.TIDAK_DAPAT,
        "jenis_salah": "",
        "topik": Topik.POLITIK,
        "penjelasan": "Tidak dapat diverifikasi: pesan tidak menyebut desa, waktu, atau saksi, dan tidak ada laporan yang dapat ditelusuri. Bila Anda mengetahui kejadian seperti ini, laporkan ke Bawaslu dengan keterangan tempat, waktu dan bukti; kepala desa dilarang berpihak dalam pemilu.",
        "metode": "Menanyakan ke Bawaslu kabupaten dan panitia pengawas kecamatan.",
        "referensi": [_ref("Contoh: cara melapor dugaan pelanggaran ke Bawaslu", "lapor-bawaslu")],
    },
    {
        "judul": "Surat edaran dinas pendidikan meliburkan semua sekolah selama satu minggu",
        "teks_contoh": "SURAT EDARAN: semua SD & SMP di Kab. Tapin libur 1 minggu mulai Senin krn cuaca ekstrem. (foto surat berkop dinas) Tolong teruskan ke grup wali murid",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MANIPULASI,
        "topik": Topik.POLITIK,
        "penjelasan": "Surat dalam foto adalah surat lama yang nomor, tanggal dan isinya diubah. Dinas pendidikan tidak mengeluarkan edaran libur; kegiatan belajar berjalan seperti biasa. Untuk kabar libur sekolah, tanyakan ke sekolah masing-masing.",
        "metode": "Membandingkan foto dengan arsip surat asli dan konfirmasi ke dinas pendidikan.",
        "referensi": [_ref("Contoh: klarifikasi dinas pendidikan tentang surat edaran palsu", "edaran-libur")],
    },
    # --- Village life ------------------------------------------------------------------------------------
    {
        "judul": "Penculik anak bermobil putih berkeliaran di sekolah-sekolah di Binuang",
        "teks_contoh": "WASPADA PARA ORANG TUA!!! ada mobil putih plat luar daerah culik anak SD di Binuang, sudah 2 anak hilang. Jemput anak2 kita tepat waktu!! sebarkan",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.AGAMA,
        "penjelasan": "Kepolisian dan pihak sekolah tidak menerima laporan anak hilang atau percobaan penculikan. Pesan yang hampir sama pernah beredar di banyak daerah lain dengan nama tempat yang diganti. Tetap dampingi anak, tetapi jangan main hakim sendiri terhadap orang asing karena pesan berantai.",
        "metode": "Konfirmasi ke polsek dan sekolah-sekolah di kecamatan, dan menelusuri versi lain pesan yang sama.",
        "referensi": [_ref("Contoh: keterangan kepolisian tentang isu penculikan anak", "penculikan")],
    },
]
TERBUKA = [
    "Katanya jembatan di jalan provinsi putus dan ditutup total mulai besok, benarkah?",
    "Beredar pesan bahwa air PDAM tercemar dan tidak boleh dipakai mandi minggu ini",
]


class Command(BaseCommand):
    help = "Muat putusan cek fakta DEMO (bertanda jelas) dan dua klaim terbuka; hanya yang belum ada yang ditambahkan."

    def handle(self, **options):
        now = timezone.now()
        ada = set(Klaim.objects.filter(demo=True).values_list("judul", flat=True))
        putusan = klaim = 0
        with transaction.atomic():
            for i, data in enumerate(PUTUSAN):
                if data["judul"] in ada:
                    continue
                isian = {k: v for k, v in data.items() if k != "referensi"}
                isian["penjelasan"] = data["penjelasan"] + PENANDA
                k = Klaim.objects.create(
                    status=Status.SELESAI,
                    diterbitkan=now - timedelta(days=3 * i + 1),
                    pertama_dilihat=now - timedelta(days=3 * i + 2),
                    demo=True,
                    sumber_nama=SUMBER,
                    **isian,
                )
                Referensi.objects.bulk_create(Referensi(klaim=k, judul=judul, url=url) for judul, url in data["referensi"])
                putusan += 1
            for i, teks in enumerate(TERBUKA):
                kode = f"DEMO{i + 1:04d}"
                if teks in ada or Laporan.objects.filter(kode=kode).exists():
                    continue
                k = Klaim.objects.create(
                    judul=teks, teks_contoh=teks, demo=True, pertama_dilihat=now - timedelta(hours=30 * i + 2)
                )
                Laporan.objects.create(klaim=k, kode=kode, teks=teks, saluran=Saluran.WEB, dibuat=k.pertama_dilihat)
                Klaim.objects.filter(pk=k.pk).update(jumlah_laporan=1)
                klaim += 1
        if not putusan and not klaim:
            self.stdout.write("Cek fakta: data demo sudah ada, dilewati.")
            return
        self.stdout.write(self.style.SUCCESS(f"Cek fakta: {putusan} putusan dan {klaim} klaim DEMO dimuat."))
